BBBB BBBBBBBBBBBBBB BBBBBBBBBB BBBBBBBBBBBBBBBBBBBBB

 gettext(u'Thank you for the application of %(organisation_name)s to the coaching programme “%(cohort_name)s”. The cohort has a limited number of places, and %(organisation_name)s was not selected this time.') SSSSS SSS SSS SSS SSSSSSSSSSS SS SSSSSSSSSSSSSSSSSSSSS SS SSS SSSSSSSS SSSSSSSSS SSSSSSSSSSSSSSSSSS SSS SSSSSS SSS S SSSSSSS SSSSSS SS SSSSSSS SSS SSSSSSSSSSSSSSSSSSSSS SSS SSS SSSSSSSS SSSS SSSSS
BB BBBBBB
 gettext(u"The selection committee's reasons:") 

BBBBB
 gettext(u'The programme stays open to you:') 
X  gettext(u'The self-diagnostic shows where your enterprise stands and what to improve first:')  
X  gettext(u'Other calls for expressions of interest will follow; they are listed here:')  
X  gettext(u'If you would like to talk about the decision, write to the team at %(contact_email)s: it will answer.') SS SSS SSSSS SSSS SS SSSS SSSSS SSS SSSSSSSSS SSSSS SS SSS SSSS SS SSSSSSSSSSSSSSSSSS SS SSSS SSSSSSS

XX
XXXXXXXXXX
 gettext(u'A programme of %(agency)s') S SSSSSSSSS SS SSSSSSSSSS

BBBBBBBBBBBBB
