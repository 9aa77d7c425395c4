"""A hello-world ask-sdk-core skill: the baseline `make bench` compares the coach with."""
