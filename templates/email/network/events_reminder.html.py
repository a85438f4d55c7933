BBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBBBBBBBBBBB BBBBB
BBBBB BBBBXXX gettext(u'A reminder: you are registered for this event, which starts within a day.') XXXX
BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
XXX gettext(u'Cannot come after all?')  XX XXXXXXXX gettext(u'Cancel my registration') XXXXXXXX
BBBBBBBB BBBB
