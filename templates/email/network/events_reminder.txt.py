BBBBBBB BBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBB gettext(u'A reminder: you are registered for this event, which starts within a day.') 

BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
 gettext(u'Cannot come after all? Cancel, and your seat goes to someone on the waiting list:') 


BBBBBBBB BBBB
