BBBBBBB BBBBBBBBBBBBBBBBBBBB BBBBBBBBB BBBB gettext(u'The agency published your experience “%(title)s”: thank you for passing the baton to the enterprises that follow.') SSS SSSSSS SSSSSSSSS SSSS SSSSSSSSSS SSSSSSSSSSSS SSSSS SSS SSS SSSSSSS SSS SSSSS SS SSS SSSSSSSSSSS SSSS SSSSSSS
BB BBBBBBB
 gettext(u"The moderator's remarks:") 

BBBBB
 gettext(u'See it:')  BBBBBBBB BBBB
