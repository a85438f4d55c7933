BBBBBBB BBBBBBBBBBBBBBBBBBBB BBBBBBBBB BBBB gettext(u'“%(title)s”, an experience written by %(name)s, awaits moderation.') SSSSSSSSSSSS SS SSSSSSSSSS SSSSSSS SS SSSSSSSSS SSSSSS SSSSSSSSSSS

 gettext(u'Read it and decide:')  BBBBBBBB BBBB
