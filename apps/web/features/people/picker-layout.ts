/**
 * The height of a dialog built around a people search. Fixed (not grown with its content), so the dialog does not
 * jump on every key while results come and go; the results scroll inside it.
 */
export const PICKER_DIALOG_HEIGHT = 'h-[min(36rem,calc(100dvh-2rem))]';
