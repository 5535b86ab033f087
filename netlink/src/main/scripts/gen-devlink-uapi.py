import re,sys
src=open('/usr/include/linux/devlink.h').read()
src=re.sub(r'/\*.*?\*/','',src,flags=re.S)
src=re.sub(r'#[^\n]*\\\n[^\n]*\n','\n',src)
src=re.sub(r'#[^\n]*\n','\n',src)
out=[]
for m in re.finditer(r'enum\s*(\w*)\s*\{(.*?)\};',src,re.S):
    name,body=m.group(1),m.group(2)
    vals={}
    v=-1
    out.append(f"\n  // enum {name}")
    for item in body.split(','):
        item=item.strip()
        if not item or item.startswith('#'): continue
        item=re.sub(r'#\w+.*','',item).strip()
        if '=' in item:
            k,e=[x.strip() for x in item.split('=',1)]
            e2=e
            for kk,vv in sorted(vals.items(),key=lambda x:-len(x[0])): e2=e2.replace(kk,str(vv))
            try: v=eval(e2.replace('UL','').replace('_BITUL','1<<'))
            except Exception as ex:
                print('skip',k,e,file=sys.stderr); continue
        else:
            k=item; v=v+1
        vals[k]=v
        if k.startswith('__') : continue
        out.append(f"  public static final int {k} = {v};")
print("package dev.fabric.netlink;\n\n/** Generated from linux-libc-dev's linux/devlink.h (6.1) by src/main/scripts/gen-devlink-uapi.py (the #defines at the end by hand); DevlinkUapiTest compiles\n * every name here against the installed header with gcc and fails on any difference. */\npublic final class DevlinkUapi {\n  private DevlinkUapi() {}")
print("\n".join(out))
print("}")
