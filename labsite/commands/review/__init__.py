"""Commands a pull request's checks run: what the change does, and who may make it."""
