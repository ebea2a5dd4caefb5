"""Signals other apps listen to, so this app need not import them."""

from django.dispatch import Signal

# Sent after a person joins an organisation (a new current membership), with
# `membership` and `now`. The assignments app gives them the organisation's onboarding path.
membership_joined = Signal()
