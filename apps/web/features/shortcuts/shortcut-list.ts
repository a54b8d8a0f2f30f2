/** Every keyboard shortcut of the messenger, as the help dialog lists them. */
export const SHORTCUTS: ReadonlyArray<{ keys: readonly string[]; action: string }> = [
  { keys: ['Ctrl', 'K'], action: 'Jump to a conversation' },
  { keys: ['Enter'], action: 'Send the message' },
  { keys: ['Shift', 'Enter'], action: 'New line in the message' },
  { keys: ['↑'], action: 'Edit your last message (in an empty message box)' },
  { keys: ['Esc'], action: 'Close a dialog or menu, or cancel an edit' },
  { keys: ['?'], action: 'Show these shortcuts' },
];
