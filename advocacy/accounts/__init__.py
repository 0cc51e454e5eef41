"""Accounts: staff, translators and admins; roles and rights per locale, passwords, sign-in,
throttling, the admin pages and `advocacy users`. Campaigners never have an account."""
