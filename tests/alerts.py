"""Alexa Timers API request bodies as the API reference gives them, for assertions."""


def announce_timer(label="ice pack", text="Time to take the ice pack off your back", duration="PT20M",
                   locale="en-US"):
    return {
        "duration": duration,
        "timerLabel": label,
        "creationBehavior": {"displayExperience": {"visibility": "VISIBLE"}},
        "triggeringBehavior": {
            "operation": {"type": "ANNOUNCE", "textToAnnounce": [{"locale": locale, "text": text}]},
            "notificationConfig": {"playAudible": True},
        },
    }
