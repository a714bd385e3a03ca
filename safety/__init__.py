"""Plain-Python safety definitions shared by the NLU components, the forms and the actions."""
