"""Plain-Python conversation logic (no Rasa): how a reply inside a form is read.

The Rasa actions in ``actions/`` stay thin: they turn the tracker into a ``Reply``, call
``read_reply`` and turn the ``Reading`` back into slot events and prompts.
"""
