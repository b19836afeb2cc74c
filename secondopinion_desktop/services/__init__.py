"""The use cases, without Qt: each public function is one transaction and says what changed.

Widgets call these to change data; the window broadcasts the returned `Changes` so each panel
refreshes only what it shows. Reads go straight to the repository.
"""
