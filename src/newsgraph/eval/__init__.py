"""Scorers for each gold set: ``newsgraph eval <task> --data PATH``."""
