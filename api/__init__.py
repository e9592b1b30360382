"""Edges of Zhize: the command line, the HTTP API and the web pages. Nothing imports `api`."""
