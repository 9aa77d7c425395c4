"""The skill served over HTTPS from a machine of one's own: flask-ask-sdk on gunicorn
(app, cli, gunicorn_conf), every request verified as Amazon requires (verification).
Not deployed to Lambda or Alexa-hosted skills, which call lambda_function directly."""
