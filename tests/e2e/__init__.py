"""Browser tests of the web app against a real `sir serve --demo` process."""
