"""Command-line tools of the booking platform, outside the ``booking`` layer the functions ship.

``devtokens`` (``make token``), ``seed`` (``make seed``), ``dlq_replay`` (``make replay-dlq``)
and ``local`` (the steps of ``make run`` that need Python). They use ``booking`` like any
client would; nothing in ``booking`` imports them.
"""
