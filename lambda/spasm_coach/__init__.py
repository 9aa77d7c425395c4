"""Back Spasm Coach: an Alexa skill that guides a person through a back spasm by voice."""

__version__ = "0.1.0"
