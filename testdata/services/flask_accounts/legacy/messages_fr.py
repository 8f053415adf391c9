# -*- coding: latin-1 -*-
"""Messages from the old French site (Latin-1 encoded; not imported)."""

LOCKED = "Votre compte est verrouillé pour 15 minutes."
RESET = "Réinitialisez votre mot de passe."
GREETING = "Bienvenue, chère utilisatrice."
