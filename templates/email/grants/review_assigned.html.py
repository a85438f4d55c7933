BBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBBB gettext(u'%(reference)s: you are asked to review a grant application') SSSSSSSSSSSSSS SSS SSS SSSSS SS SSSSSS S SSSSS SSSSSSSSSSSBBBBBBBB BBBBB
BBBBB BBBB
XXX gettext(u'The agency asks you to review the application %(reference)s of %(organisation_name)s (“%(title)s”) to the call “%(call_title)s”.') SSS SSSSSS SSSS SSS SS SSSSSS SSS SSSSSSSSSSS SSSSSSSSSSSSS SS SSSSSSSSSSSSSSSSSSSSS SSSSSSSSSSSSS SS SSS SSSS SSSSSSSSSSSSSSSSSXXXX
XXX gettext(u'First declare whether you have a conflict of interest with this organisation or this project; then you can score the application.') XXXX
XXXXX XXXXXXXX gettext(u'Make your declaration') XXXX X XX XXXXXXXX pgettext(u'grant review', u'Your reviews') XXXXXXXX
BBBBBBBB BBBB
