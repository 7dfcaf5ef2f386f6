"""What every step shares: reading rule files (rules), where spans live on a Doc and in the
record (spans), TIMEX date values (timex). Imports nothing else from the package."""
