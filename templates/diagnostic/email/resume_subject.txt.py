BBBB BBBB gettext(u'Resume your DigitalEES diagnostic') 
