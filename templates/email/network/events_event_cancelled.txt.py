BBBBBBB BBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBB gettext(u'We are sorry: this event is cancelled. Your registration no longer holds.') 

BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
 gettext(u'Other events of the network:')  BBB BBBBBBBBBBBBBBBBBBBB

BBBBBBBB BBBB
