BBBBBBB BBBBBBBBBBBBBBBBBBBB BBBBBBBBB BBBB gettext(u'The agency read your experience “%(title)s” and sends it back for a few changes before publishing it.') SSS SSSSSS SSSS SSSS SSSSSSSSSS SSSSSSSSSSS SSS SSSSS SS SSSS SSS S SSS SSSSSSS SSSSSS SSSSSSSSSS SSS

 gettext(u"The moderator's remarks:") 


 gettext(u'Change it and submit it again:')  BBBBBBBB BBBB
