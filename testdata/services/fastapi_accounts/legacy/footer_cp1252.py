# -*- coding: cp1252 -*-
"""Old email footer text, Windows-1252 encoded (“smart quotes”); unused."""

FOOTER = "© 2019 Example GmbH – Straße 1, München"
