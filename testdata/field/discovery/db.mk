# A makefile named db.* (the shape of trothr/nord var/csc/db.mk).
all: zones
zones:
	named-checkzone example.com db.example.com
