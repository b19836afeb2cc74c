"""Fakes and helpers shared by the tests: one copy of each, imported where needed.

- clock.py: `FakeClock`, a clock tests move by hand, and the fixed moment it starts at.
- fakes.py: stand-ins for dialogs and `messages` questions (`FakeDoctorDialog`, `Factory`,
  `Asked`, `FakeDialog`, the case-dialog fakes).
- dialogs.py, reminders.py, sheets.py, accessibility.py: small builders and finders.
"""
