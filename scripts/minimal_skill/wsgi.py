"""The minimal skill behind the same Flask app and request verification as the coach,
for gunicorn: ``minimal_skill.wsgi:create_app()`` (with lambda/, server/ and scripts/ on
the path)."""
import os


def create_app():
    from spasm_coach_server.app import SKILL_ID_ENV, create_app as create_web_app, env_options

    from minimal_skill.lambda_function import skill_builder

    return create_web_app(skill=skill_builder.create(), skill_id=os.environ.get(SKILL_ID_ENV),
                          verify=True, **env_options())
