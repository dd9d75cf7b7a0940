"""What maintainers run: `python -m labsite <command>` (`cli` registers each one). Commands sit on top
of the stages and may use any of them; nothing in the stages imports a command."""
