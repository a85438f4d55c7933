BBBBBBB BBBBBBBBBBBBBBBBBBBB BBBBBBBBB BBBB gettext(u'The agency took your experience “%(title)s” off the public pages. You may change it and submit it again.') SSS SSSSSS SSSS SSSS SSSSSSSSSS SSSSSSSSSSS SSS SSS SSSSSS SSSSSS SSS SSS SSSSSS SS SSS SSSSSS SS SSSSSS

 gettext(u"The moderator's remarks:") 


 gettext(u'Change it and submit it again:')  BBBBBBBB BBBB
