BBBBBBB BBBBBBBBBBBBBBBBBBBB BBBBBBBBB BBBB gettext(u'The agency read your experience “%(title)s” and decided not to publish it.') SSS SSSSSS SSSS SSSS SSSSSSSSSS SSSSSSSSSSS SSS SSSSSSS SSS SS SSSSSSS SSS

 gettext(u"The moderator's remarks:") 


 gettext(u"Your organisation's experiences:")  BBBBBBBB BBBB
