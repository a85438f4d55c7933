BBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBBBBBBBBBBB BBBBB
BBBBB BBBBXXX gettext(u'You asked to register for this event:') XXXX
BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
XXXXX XXXXXXXX gettext(u'Confirm my registration') XXXX  gettext(u'(valid for 7 days)') XXXX
XXX gettext(u'If you did not ask for it, ignore this message: nothing happens without the click.') XXXX
BBBBBBBB BBBB
