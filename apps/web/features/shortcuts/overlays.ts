/** The messenger's app-wide dialogs that a shortcut or the account menu opens: one at a time. */
export type Overlay = 'switcher' | 'shortcuts' | 'settings';
