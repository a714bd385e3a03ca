"""Service runtime for the Stronger Safer Gloucester assistant: web app, channels, custom Rasa components."""
