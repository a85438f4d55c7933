BBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBBB gettext(u'%(reference)s: we have received your grant application') SSSSSSSSSSSSSS SS SSSS SSSSSSSS SSSS SSSSS SSSSSSSSSSSBBBBBBBB BBBBB
BBBBB BBBB
XXX gettext(u'We have received the application %(reference)s of %(organisation_name)s (“%(title)s”) to the call “%(call_title)s”.') SS SSSS SSSSSSSS SSS SSSSSSSSSSS SSSSSSSSSSSSS SS SSSSSSSSSSSSSSSSSSSSS SSSSSSSSSSSSS SS SSS SSSS SSSSSSSSSSSSSSSSSXXXX
XXX ngettext(u'What happens next: the agency screens it within %(days)s day, checking that it is complete and eligible. If something is missing, it asks you by e-mail. Reviewers then score it, and the agency decides.', u'What happens next: the agency screens it within %(days)s days, checking that it is complete and eligible. If something is missing, it asks you by e-mail. Reviewers then score it, and the agency decides.', count) SSSS SSSSSSS SSSSS SSS SSSSSS SSSSSSS SS SSSSSS SSSSSSSS SSSS SSSSSSSS SSSS SS SS SSSSSSSS SSS SSSSSSSSS SS SSSSSSSSS SS SSSSSSSS SS SSSS SSS SS SSSSSSS SSSSSSSSS SSSS SSSSS SSS SSS SSS SSSSSS SSSSSSSSPPPP PPPPPPP PPPPP PPP PPPPPP PPPPPPP PP PPPPPP PPPPPPPP PPPPP PPPPPPPP PPPP PP PP PPPPPPPP PPP PPPPPPPPP PP PPPPPPPPP PP PPPPPPPP PP PPPP PPP PP PPPPPPP PPPPPPPPP PPPP PPPPP PPP PPP PPP PPPPPP PPPPPPPPXXXX
XXXXX XXXXXXXX gettext(u'See where it stands, and its timeline') XXXXXXXX
BBBBBBBB BBBB
