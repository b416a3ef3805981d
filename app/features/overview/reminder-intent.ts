export const REMINDER_INTENT = "remind-schools";
