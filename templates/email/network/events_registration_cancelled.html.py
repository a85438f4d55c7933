BBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBBBBBBBBBBB BBBBB
BBBBB BBBBXXXBB BBBBBBBB gettext(u'The agency has cancelled your registration for this event.') BBBB gettext(u'Your registration for this event is cancelled, as you asked.') BBBBBXXXX
BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
BBBBBBBB BBBB
