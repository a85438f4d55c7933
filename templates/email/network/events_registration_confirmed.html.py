BBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBBBBBBBBBBB BBBBB
BBBBB BBBBXXXBB BBBBBBBB gettext(u'A seat has freed up and it is yours: you are no longer on the waiting list, you are registered.') BBBB gettext(u'Your registration is confirmed.') BBBBBXXXX
BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
XXX gettext(u'The invitation is attached: open it to add the event to your calendar.') XXXX
XXX gettext(u'Cannot come after all?')  XX XXXXXXXX gettext(u'Cancel my registration') XXXXXXXX
BBBBBBBB BBBB
