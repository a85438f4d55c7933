BBBBBBB BBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBBBB BBBBBBBB gettext(u'A seat has freed up and it is yours: you are no longer on the waiting list, you are registered.') BBBB gettext(u'Your registration is confirmed.') BBBBB

BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
 gettext(u'The invitation is attached: open it to add the event to your calendar.') 

 gettext(u'Cannot come after all? Cancel, and your seat goes to someone on the waiting list:') 


BBBBBBBB BBBB
