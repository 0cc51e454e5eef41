"""Did they answer? Anonymous reply codes, reply reports and response rates per chamber and member."""
