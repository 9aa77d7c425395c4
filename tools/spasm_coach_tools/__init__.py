"""What runs on a developer's machine beside the skill: the spasm-coach command (cli)
and the offline simulator (simulator). Nothing here is deployed."""
