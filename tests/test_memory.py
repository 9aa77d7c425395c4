"""Memory across sessions through lambda_handler, on a real SQLite file."""
import json
import sqlite3

import pytest

from envelopes import Said, envelope, intent, launch, session_ended
from spasm_coach import questions
from spasm_coach.config import Settings
from spasm_coach.content import for_locale
from spasm_coach.entry import make_lambda_handler
from spasm_coach.persistence import SQLITE_FILENAME, SqliteAdapter, make_adapter
from spasm_coach.skill import build_skill

# Lines named by content key, values rendered from content; the first resume test reads the English.
WORDS = for_locale("en-US")


def was_on(stretch, number):
    """The values of memory.welcome_back_routine for `stretch` (its id), the number-th of five."""
    return {"name": WORDS.raw("stretches.%s.name" % stretch), "number": WORDS.number(number),
            "total": WORDS.number(5)}


def first_of_five():
    return {"number": WORDS.number(1), "total": WORDS.number(5)}

USER = "amzn1.ask.account.MEMORY"


class CountingStore(SqliteAdapter):
    """The real SQLite adapter, counting its writes."""

    saves = 0

    def save_attributes(self, request_envelope, attributes):
        type(self).saves += 1
        return super().save_attributes(request_envelope, attributes)


@pytest.fixture
def skill(tmp_path):
    CountingStore.saves = 0
    adapter = make_adapter(Settings(store="sqlite", data_dir=tmp_path))
    adapter.inner = CountingStore(tmp_path / SQLITE_FILENAME)
    adapter.cooldown = 0  # so a test sees each failure on its own
    handler = make_lambda_handler(build_skill(Settings(store="sqlite", data_dir=tmp_path),
                                              persistence_adapter=adapter))
    handler.db = tmp_path / SQLITE_FILENAME
    return handler


def say(handler, event):
    return Said(handler(event, None))


def rows(path):
    with sqlite3.connect(str(path)) as db:
        return {key: json.loads(value) for key, value in db.execute("SELECT id, value FROM attributes")}


def screened_routine(handler, **kwargs):
    """Start the routine in a new session, answering the screening questions with no."""
    said = say(handler, intent("StartRoutineIntent", new=True, user_id=USER, **kwargs))
    for question in questions.SEQUENCES["screening"]:
        assert said.attributes["pending"] == question
        said = say(handler, intent("AMAZON.NoIntent", attributes=said.attributes, user_id=USER))
    assert said.attributes["routine"]["status"] == "active"
    return said


def test_position_survives_a_pause_and_a_one_shot_resume_continues(skill):
    said = screened_routine(skill)
    said = say(skill, intent("AMAZON.NoIntent", attributes=said.attributes, user_id=USER))  # the caution
    for _ in range(5):  # ready, both sides of knee to chest, then the pelvic tilt: ready, and on
        said = say(skill, intent("AMAZON.NextIntent", attributes=said.attributes, user_id=USER))
    position = said.attributes["routine"]
    assert (position["step"], position["part"]) == (1, 1)
    paused = say(skill, intent("AMAZON.PauseIntent", attributes=said.attributes, user_id=USER))
    assert paused.end is True

    welcome = say(skill, launch(user_id=USER))
    assert "You were on the pelvic tilt, stretch two of five. Say resume to carry on, or start over." in welcome
    assert welcome.text.count("Welcome") == 1

    resumed = say(skill, intent("AMAZON.ResumeIntent", new=True, user_id=USER))
    # Asked again every session: nothing about health is kept.
    assert resumed.attributes["pending"] == questions.SEQUENCES["screening"][0]
    for _ in questions.SEQUENCES["screening"]:
        resumed = say(skill, intent("AMAZON.NoIntent", attributes=resumed.attributes, user_id=USER))
    assert "Let's carry on" in resumed and "pelvic tilt" in resumed.text and "Welcome back" not in resumed
    # The set-up again, then the part it was on.
    assert "Stay on your back" in resumed and resumed.text.endswith("Say ready when you're in position.")
    assert resumed.attributes["routine"]["step"] == 1 and resumed.attributes["routine"]["part"] == position["part"]
    ready = say(skill, intent("AMAZON.NextIntent", attributes=resumed.attributes, user_id=USER))
    assert ready.attributes["routine"] == dict(position) and "Hold, one" in ready


def test_the_next_day_on_the_second_side_gives_the_set_up_again(skill):
    said = screened_routine(skill)
    said = say(skill, intent("AMAZON.NoIntent", attributes=said.attributes, user_id=USER))
    for _ in range(2):  # ready, then on to the left side
        said = say(skill, intent("AMAZON.NextIntent", attributes=said.attributes, user_id=USER))
    assert said.attributes["routine"]["part"] == 1 and said.says("routine_lines.side_intro", side=WORDS.side("left"))
    say(skill, intent("AMAZON.StopIntent", attributes=said.attributes, user_id=USER))
    welcome = say(skill, launch(user_id=USER))
    resumed = say(skill, intent("AMAZON.YesIntent", attributes=welcome.attributes, user_id=USER))
    for _ in questions.SEQUENCES["screening"]:
        resumed = say(skill, intent("AMAZON.NoIntent", attributes=resumed.attributes, user_id=USER))
    assert "Lie on your back" in resumed and "left side" in resumed
    assert resumed.text.endswith("Say ready when you're in position.") and "Hold" not in resumed


def test_start_over_after_welcome_back_really_starts_over(skill):
    said = screened_routine(skill)
    said = say(skill, intent("SkipIntent", attributes=said.attributes, user_id=USER))
    said = say(skill, intent("SkipIntent", attributes=said.attributes, user_id=USER))
    assert said.attributes["routine"]["step"] == 2
    say(skill, intent("AMAZON.StopIntent", attributes=said.attributes, user_id=USER))
    welcome = say(skill, launch(user_id=USER))
    assert welcome.says("memory.welcome_back_routine", **was_on("knee_rolls", 3))
    again = say(skill, intent("AMAZON.StartOverIntent", attributes=welcome.attributes, user_id=USER))
    for _ in questions.SEQUENCES["screening"]:
        again = say(skill, intent("AMAZON.NoIntent", attributes=again.attributes, user_id=USER))
    assert again.says("routine_lines.start_over") and again.says("routine_lines.step_intro", **first_of_five())
    assert again.attributes["routine"]["step"] == 0 and "carry on" not in again.text


def test_the_disclaimer_is_given_the_first_time_only(skill):
    assert "not medical advice" in say(skill, launch(user_id=USER))
    again = say(skill, launch(user_id=USER))
    assert "not medical advice" not in again and again.text.startswith("Welcome back to Back Spasm Coach.")


@pytest.mark.parametrize("ending", ["stop", "silence"])
def test_stop_and_silence_keep_the_position(skill, ending):
    said = screened_routine(skill)
    said = say(skill, intent("SkipIntent", attributes=said.attributes, user_id=USER))
    if ending == "stop":
        say(skill, intent("AMAZON.StopIntent", attributes=said.attributes, user_id=USER))
    else:
        say(skill, session_ended("EXCEEDED_MAX_REPROMPTS", said.attributes, user_id=USER))
    assert say(skill, launch(user_id=USER)).says("memory.welcome_back_routine", **was_on("pelvic_tilt", 2))


def test_finishing_the_routine_forgets_the_position(skill):
    said = screened_routine(skill)
    said = say(skill, intent("AMAZON.NoIntent", attributes=said.attributes, user_id=USER))
    for _ in range(40):
        if said.attributes["routine"]["status"] == "finished":
            break
        said = say(skill, intent("AMAZON.NextIntent", attributes=said.attributes, user_id=USER))
    say(skill, intent("AMAZON.StopIntent", attributes=said.attributes, user_id=USER))
    assert "routine" not in rows(skill.db)[USER]
    assert not say(skill, launch(user_id=USER)).says("memory.welcome_back_routine")


def test_preferences_carry_across_sessions(skill):
    said = say(skill, intent("SlowerIntent", new=True, user_id=USER))
    assert _prefs_line(said, "SlowerIntent") is not None
    say(skill, intent("LongerHoldsIntent", attributes=said.attributes, user_id=USER))
    said = screened_routine(skill)
    assert 'rate="80%"' in said.ssml
    said = say(skill, intent("AMAZON.NoIntent", attributes=said.attributes, user_id=USER))
    said = say(skill, intent("AMAZON.NextIntent", attributes=said.attributes, user_id=USER))
    counted = " ".join(WORDS.number(n) for n in (13, 14, 15))
    assert counted in said.text  # knee to chest at its longest safe hold
    assert WORDS.number(16) not in said.text
    said = say(skill, intent("NormalPaceIntent", new=True, user_id=USER))
    assert rows(skill.db)[USER]["prefs"] == {"hold": "longer"}


def test_nothing_about_health_or_speech_is_stored(skill):
    said = screened_routine(skill)
    said = say(skill, intent("SymptomIntent", {"Symptom": "I wet myself"}, said.attributes, user_id=USER))
    assert said.end is True and said.attributes["safety"] == "emergency"
    stored = json.dumps(rows(skill.db))
    for word in ("safety", "emergency", "wet", "symptom", "screened", "pending", "ssml", "speak"):
        assert word not in stored.lower()
    assert set(rows(skill.db).get(USER, {})) <= {"schema", "routine", "prefs", "refusals",
                                                 "disclaimer_given", "last_seen", "ttl"}
    again = say(skill, intent("StartRoutineIntent", new=True, user_id=USER))
    assert again.attributes["pending"] == questions.SEQUENCES["screening"][0] and again.attributes["safety"] is None


def test_an_emergency_answer_never_waits_on_the_store(skill, monkeypatch):
    said = say(skill, launch(new=True, user_id=USER))  # the disclaimer, written at once
    said = say(skill, intent("SlowerIntent", attributes=said.attributes, user_id=USER))
    said = say(skill, intent("StartRoutineIntent", attributes=said.attributes, user_id=USER))
    said = say(skill, intent("AMAZON.NoIntent", attributes=said.attributes, user_id=USER))
    said = say(skill, intent("AMAZON.NextIntent", attributes=said.attributes, user_id=USER))
    before, saves = rows(skill.db)[USER], CountingStore.saves
    assert before["prefs"] == {"pace": "slower"} and "routine" not in before
    # Mid-session: the answer that ends it writes nothing (not the position, not the day).
    said = say(skill, intent("SymptomIntent", {"Symptom": "I wet myself"}, said.attributes, user_id=USER))
    assert said.end is True and said.attributes["safety"] == "emergency"
    assert CountingStore.saves == saves and rows(skill.db)[USER] == before
    # Opening a session with one: the store is not even read.
    reads = []
    monkeypatch.setattr(CountingStore, "get_attributes",
                        lambda self, envelope: reads.append(1) or SqliteAdapter.get_attributes(self, envelope))
    said = say(skill, intent("SymptomIntent", {"Symptom": "both my legs have gone numb"}, new=True, user_id=USER))
    assert said.end is True and said.attributes["safety"] == "emergency" and not reads
    assert CountingStore.saves == saves
    # Anything else still reads it: the next session knows the preference, not the stretches.
    again = say(skill, launch(new=True, user_id=USER))
    assert reads and not again.says("memory.welcome_back_routine") and again.attributes["prefs"] == {"pace": "slower"}


def test_saves_only_when_something_changed(skill):
    said = screened_routine(skill)  # first launch: disclaimer... then routine position: a save each
    saves = CountingStore.saves
    said = say(skill, intent("AMAZON.RepeatIntent", attributes=said.attributes, user_id=USER))
    said = say(skill, intent("HowManyLeftIntent", attributes=said.attributes, user_id=USER))
    said = say(skill, intent("AMAZON.HelpIntent", attributes=said.attributes, user_id=USER))
    assert CountingStore.saves == saves


def test_odd_session_values_never_reach_the_store_and_are_written_once(skill):
    said = screened_routine(skill)
    odd = dict(said.attributes, prefs={"hold": "longer", "pace": "x" * 40, "note": "my leg"},
               disclaimer_given="yes")
    saves = CountingStore.saves
    said = say(skill, intent("AMAZON.RepeatIntent", attributes=odd, user_id=USER))
    assert CountingStore.saves == saves + 1  # the preferences differ from what was read
    assert rows(skill.db)[USER]["prefs"] == {"hold": "longer"}
    assert "disclaimer_given" not in rows(skill.db)[USER]  # "yes" is not a value the record takes
    say(skill, intent("AMAZON.RepeatIntent", attributes=said.attributes, user_id=USER))
    assert CountingStore.saves == saves + 1  # nothing changed since


def test_the_position_is_written_once_when_the_session_ends(skill):
    said = screened_routine(skill)
    saves = CountingStore.saves
    for _ in range(3):
        said = say(skill, intent("AMAZON.NextIntent", attributes=said.attributes, user_id=USER))
    assert CountingStore.saves == saves, "moving through the routine writes nothing yet"
    position = said.attributes["routine"]
    say(skill, session_ended("USER_INITIATED", said.attributes, user_id=USER))
    assert CountingStore.saves == saves + 1
    stored = rows(skill.db)[USER]["routine"]
    assert (stored["step"], stored["part"]) == (position["step"], position["part"])


def test_a_choice_is_written_at_once_mid_routine(skill):
    said = screened_routine(skill)
    saves = CountingStore.saves
    said = say(skill, intent("SlowerIntent", attributes=said.attributes, user_id=USER))
    assert said.end is not True and CountingStore.saves == saves + 1
    assert rows(skill.db)[USER]["prefs"] == {"pace": "slower"}


def test_forget_me_asks_then_deletes_everything(skill):
    said = screened_routine(skill)
    say(skill, intent("AMAZON.PauseIntent", attributes=said.attributes, user_id=USER))
    assert USER in rows(skill.db)
    ask = say(skill, intent("ForgetMeIntent", new=True, user_id=USER))
    assert "Nothing about your symptoms" in ask and "delete all of it?" in ask
    kept = say(skill, intent("AMAZON.NoIntent", attributes=ask.attributes, user_id=USER))
    assert "haven't deleted" in kept and USER in rows(skill.db)
    done = say(skill, intent("AMAZON.YesIntent", attributes=ask.attributes, user_id=USER))
    assert "deleted everything" in done and done.end is True
    assert USER not in rows(skill.db)
    assert not say(skill, launch(user_id=USER)).says("memory.welcome_back_routine")


def test_skill_disabled_event_deletes_the_users_data(skill):
    said = screened_routine(skill)
    say(skill, intent("AMAZON.PauseIntent", attributes=said.attributes, user_id=USER))
    event = envelope({"type": "AlexaSkillEvent.SkillDisabled", "eventCreationTime": "2026-11-20T10:00:00Z",
                      "eventPublishingTime": "2026-11-20T10:00:01Z",
                      "body": {"userInformationPersistenceStatus": "NOT_PERSISTED"}}, user_id=USER)
    del event["session"]
    response = skill(event, None)
    assert "outputSpeech" not in response["response"]
    assert USER not in rows(skill.db)


def test_an_unavailable_store_still_answers_without_resume(tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the data folder should be")
    handler = make_lambda_handler(build_skill(Settings(store="sqlite", data_dir=blocked)))
    said = Said(handler(launch(user_id=USER), None))
    assert said.text.startswith("Welcome to Back Spasm Coach") and said.end is False
    said = Said(handler(intent("StartRoutineIntent", attributes={"screened": True}, user_id=USER), None))
    assert said.says("routine_lines.step_intro", **first_of_five())
    for words in ("sorry", "error", "database", "memory"):
        assert words not in said.text.lower()


@pytest.mark.parametrize("stored", ["not json", "[1, 2]", json.dumps({"schema": 99, "routine": {"id": "gentle"}}),
                                    json.dumps({"routine": "x", "prefs": 5}),
                                    json.dumps({"schema": 1, "routine": {"id": "gentle", "step": 77}})])
def test_corrupt_or_unknown_records_read_as_empty(skill, stored):
    say(skill, launch(user_id=USER))  # creates the table and a row
    with sqlite3.connect(str(skill.db)) as db:
        db.execute("UPDATE attributes SET value = ? WHERE id = ?", (stored, USER))
    said = say(skill, launch(user_id=USER))
    assert said.text.startswith("Welcome") and not said.says("memory.welcome_back_routine") and "wrong" not in said.text


def test_an_old_record_without_a_version_is_migrated(skill):
    say(skill, launch(user_id=USER))
    old = {"routine": {"id": "gentle", "step": 3, "part": 0}, "disclaimer_given": True}
    with sqlite3.connect(str(skill.db)) as db:
        db.execute("UPDATE attributes SET value = ? WHERE id = ?", (json.dumps(old), USER))
    assert say(skill, launch(user_id=USER)).says("memory.welcome_back_routine", **was_on("childs_pose", 4))


def test_a_failed_read_never_overwrites_the_stored_record(skill, monkeypatch):
    said = screened_routine(skill)
    say(skill, intent("AMAZON.PauseIntent", attributes=said.attributes, user_id=USER))
    before = rows(skill.db)[USER]
    broken = {"on": True}
    real_get = CountingStore.get_attributes

    def flaky_get(self, request_envelope):
        if broken["on"]:
            raise sqlite3.OperationalError("disk I/O error")
        return real_get(self, request_envelope)

    monkeypatch.setattr(CountingStore, "get_attributes", flaky_get)
    said = say(skill, launch(user_id=USER))
    assert not said.says("memory.welcome_back_routine") and said.end is False
    broken["on"] = False  # the store is back within the same session
    said = say(skill, intent("SlowerIntent", attributes=said.attributes, user_id=USER))
    assert rows(skill.db)[USER] == before


def _prefs_line(said, name):
    """Which of the two lines for a preference was said: "remembered" or "session"."""
    content = for_locale("en-US")
    if content.text("memory.prefs.%s" % name) in said.text:
        return "remembered"
    if content.text("memory.prefs_this_session.%s" % name) in said.text:
        return "session"
    return None


def test_a_preference_is_said_to_be_remembered_only_once_it_is_saved(skill, monkeypatch):
    said = say(skill, launch(user_id=USER))
    said = say(skill, intent("LongerHoldsIntent", attributes=said.attributes, user_id=USER))
    assert _prefs_line(said, "LongerHoldsIntent") == "remembered"
    assert rows(skill.db)[USER]["prefs"] == {"hold": "longer"}

    def full_disk(self, request_envelope, attributes):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(CountingStore, "save_attributes", full_disk)
    said = say(skill, intent("SlowerIntent", attributes=said.attributes, user_id=USER))
    assert _prefs_line(said, "SlowerIntent") == "session"
    assert rows(skill.db)[USER]["prefs"] == {"hold": "longer"}
    assert said.attributes["prefs"] == {"hold": "longer", "pace": "slower"}  # this session


def test_without_a_store_a_preference_holds_for_the_session_only():
    handler = make_lambda_handler(build_skill(Settings(store="session")))
    said = say(handler, intent("SlowerIntent", user_id=USER, new=True))
    assert _prefs_line(said, "SlowerIntent") == "session"


def test_another_writers_lock_costs_a_bounded_wait_not_the_answer(tmp_path):
    import time

    handler = make_lambda_handler(build_skill(Settings(store="sqlite", data_dir=tmp_path)))
    say(handler, launch(user_id="amzn1.ask.account.FIRST"))  # creates the file
    holder = sqlite3.connect(str(tmp_path / SQLITE_FILENAME), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        said = say(handler, launch(user_id=USER))
        said = say(handler, intent("SlowerIntent", attributes=said.attributes, user_id=USER))
        elapsed = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert _prefs_line(said, "SlowerIntent") == "session"
    assert elapsed < 5.0, elapsed  # about 0.4 s here; the fuzz script measures it
