BBBB BBBBBBBBBBBBBB BBBBBBBBBB BBBBBBBBBBBBBBBBBBBBB

 gettext(u'Good news: %(organisation_name)s has been selected for the coaching programme “%(cohort_name)s” and is now enrolled.') SSSS SSSSS SSSSSSSSSSSSSSSSSSSSS SSS SSSS SSSSSSSS SSS SSS SSSSSSSS SSSSSSSSS SSSSSSSSSSSSSSSSS SSS SS SSS SSSSSSSSS
BB BBBBBB
 gettext(u'What the selection committee noted:') 

BBBBB
 gettext(u'What comes next:') 
X  gettext(u'The coaching runs from %(starts)s to %(ends)s.') SSS SSSSSSSS SSSS SSSS SSSSSSSSSS SS SSSSSSSSS
X  gettext(u'The agency assigns you one or more coaches, each with their areas of expertise: you will get an e-mail introducing them. Your enterprise has %(hours)s hours of individual coaching.') SSS SSSSSS SSSSSSS SSS SSS SS SSSS SSSSSSSS SSSS SSSS SSSSS SSSSS SS SSSSSSSSSS SSS SSSS SSS SS SSSSSS SSSSSSSSSSS SSSSS SSSS SSSSSSSSSS SSS SSSSSSSSS SSSSS SS SSSSSSSSSS SSSSSSSSS
X  gettext(u'With your coach, you build your digital transformation plan from your latest self-diagnostic. If it is more than a few months old, run it again with your team:')  
X  gettext(u"Intervisions bring the cohort's enterprises together several times a year to learn from each other.") 

 gettext(u'Your dashboard:') 


XX
XXXXXXXXXX
 gettext(u'A programme of %(agency)s') S SSSSSSSSS SS SSSSSSSSSS

BBBBBBBBBBBBB
