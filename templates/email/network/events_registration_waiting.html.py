BBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBBBBBBBBBBB BBBBB
BBBBB BBBBXXX gettext(u'The event is full: you are on the waiting list. As soon as a seat frees up, it is yours and we e-mail you.') XXXX
BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
XXX gettext(u'No longer interested?')  XX XXXXXXXX gettext(u'Leave the waiting list') XXXXXXXX
BBBBBBBB BBBB
