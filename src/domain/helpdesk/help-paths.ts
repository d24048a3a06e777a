/** Where help lives on every Sandi: the user FAQ and the helpdesk contact form (SPEC §13.4, §6.9). */
export const HELP_PATH = "/help";
export const HELPDESK_FORM_PATH = "/help/contact";
