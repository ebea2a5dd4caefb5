"""Signals other apps listen to, so this app need not import them."""

from django.dispatch import Signal

# Sent once the transaction that completed a learning item has committed, with `user`, `page`
# (the specific lesson or quiz page), `completed_at` (when it was first completed), `source`
# (a LearningProgress.CompletionSource) and `first_time` (False when an already completed item
# is completed again, as a quiz retaken and passed). Sent after commit so that a listener sees every completion that raced with
# this one: of two items completed at the same moment, the later commit sees both.
item_completed = Signal()
