# -*- coding: latin-1 -*-
# Ancien module de verrouillage (encodage Latin-1) ; conservé pour mémoire.

MESSAGE = "Compte bloqué après trois échecs."
