BBBB BBBB gettext(u'You receive this reminder because reminder e-mails are on for your DigitalEES account. To receive no more reminders, open this link (no log-in needed):') 

 gettext(u'Your reminder settings:')  
