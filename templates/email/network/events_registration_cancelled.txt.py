BBBBBBB BBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBBBB BBBBBBBB gettext(u'The agency has cancelled your registration for this event.') BBBB gettext(u'Your registration for this event is cancelled, as you asked.') BBBBB

BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
BBBBBBBB BBBB
