"""Talk to the skill offline, as Alexa would: hearing (nlu), requests (envelope),
Alexa's side of a conversation (conversation), and the chat/simulate commands (cli)."""
