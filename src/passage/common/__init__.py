"""Django-side helpers shared by the apps (the framework-free ones live in ``passage.core``).

Below every app in the import layers: nothing here imports an app.
"""
